/* Insyn's one script. Every page works without it; it only improves them:
   - after a form error, focus moves to the error summary (WCAG 3.3.1),
   - a copy button beside a calendar address,
   - column names on the cells of tables that stack on narrow screens. */
(function () {
    "use strict";

    function focusErrorSummary() {
        var summary = document.querySelector(".error-summary");
        if (!summary) {
            return;
        }
        if (!summary.hasAttribute("tabindex")) {
            summary.setAttribute("tabindex", "-1");
        }
        summary.focus();
    }

    function copyText(input) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(input.value);
        }
        // Older browsers and plain http: copy the selection.
        input.focus();
        input.select();
        var copied = document.execCommand && document.execCommand("copy");
        return copied ? Promise.resolve() : Promise.reject(new Error("copy"));
    }

    function setUpCopyButtons() {
        var buttons = document.querySelectorAll("button[data-copy-target]");
        Array.prototype.forEach.call(buttons, function (button) {
            var input = document.getElementById(button.getAttribute("data-copy-target"));
            var status = document.getElementById(button.getAttribute("data-copy-status"));
            if (!input) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                copyText(input).then(function () {
                    if (status) {
                        status.textContent = button.getAttribute("data-copied-message");
                    }
                }, function () {
                    // The address is selected in its field: the person can copy it themselves.
                    input.focus();
                    input.select();
                    if (status) {
                        status.textContent = button.getAttribute("data-copy-failed-message");
                    }
                });
            });
        });
    }

    // Tables rendered without column names on their cells (the visit lists) get them from their
    // headers, and then stack on narrow screens like the tables that carry them already.
    function labelTables() {
        var tables = document.querySelectorAll("table.visit-table, table.stack-table");
        Array.prototype.forEach.call(tables, function (table) {
            var headers = table.querySelectorAll("thead th");
            if (!headers.length) {
                return;
            }
            Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
                Array.prototype.forEach.call(row.children, function (cell, index) {
                    if (!cell.hasAttribute("data-label") && headers[index]) {
                        cell.setAttribute("data-label", headers[index].textContent.trim());
                    }
                });
            });
            table.classList.add("stack-table");
        });
    }

    function start() {
        labelTables();
        setUpCopyButtons();
        focusErrorSummary();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}());
