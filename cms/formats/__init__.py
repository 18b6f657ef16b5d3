"""Date and number formats for the site's languages where Django has none or uses another
country's conventions (FORMAT_MODULE_PATH): every language of a Swedish municipality writes
dates and times the Swedish way (ISO short dates, the 24-hour clock); the names of months and
days come from the translations."""
