// A real OpenID Connect provider on loopback for the tests: node-oidc-provider (OpenID Certified)
// with its in-memory adapter and development keys, one confidential client (Insyn), PKCE required,
// RP-initiated logout, and a small login page of its own that checks a password per test account
// and reports the account's amr (so one account can "have done MFA" at the provider).
//
// Configuration comes as JSON in OIDC_TEST_CONFIG:
// {issuer, port, client: {client_id, client_secret, redirect_uris, post_logout_redirect_uris},
//  accounts: {<login>: {password, sub, amr, claims}}}
import http from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);
const bySub = Object.fromEntries(Object.values(config.accounts).map((account) => [account.sub, account]));
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

const provider = new Provider(config.issuer, {
  clients: [{
    ...config.client,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: {
    acr: null,
    auth_time: null,
    sid: null,
    iss: null,
    // amr only reaches the ID token through a scope (or the claims parameter); Entra ID sends it unasked.
    openid: ['sub', 'amr'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups', 'oid'],
  },
  // Like Entra ID, put the profile claims (groups, oid) in the ID token too.
  conformIdTokenClaims: false,
  cookies: { keys: ['insyn-test-provider-only'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('Logga ut hos kommunen', `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, logga ut</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Utloggad hos kommunen', '<p>Du är utloggad.</p>');
      },
    },
  },
  async findAccount(ctx, sub) {
    const account = bySub[sub];
    if (!account) return undefined;
    return { accountId: sub, async claims() { return { sub, ...account.claims }; } };
  },
  // First-party client: no consent screen. The grant covers what Insyn asks for.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Fel hos kommunens inloggning', `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(new URLSearchParams(data)));
    req.on('error', reject);
  });
}

function loginForm(uid, error) {
  return page('Kommunens inloggning', `${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="konto">Konto</label> <input id="konto" name="login" autocomplete="username">
<label for="losen">Lösenord</label> <input id="losen" name="password" type="password" autocomplete="current-password">
<button type="submit">Fortsätt</button></form>`);
}

async function interaction(req, res, uid, submit) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    return;
  }
  if (!submit) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginForm(uid));
    return;
  }
  const body = await readBody(req);
  const account = config.accounts[body.get('login')];
  if (!account || account.password !== body.get('password')) {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(loginForm(uid, 'Fel konto eller lösenord.'));
    return;
  }
  await provider.interactionFinished(req, res, {
    login: { accountId: account.sub, amr: account.amr, acr: account.acr },
  }, { mergeWithLastSubmission: false });
}

// The tests change an account's groups at the provider between two logins.
async function setGroups(req, res) {
  const body = await readBody(req);
  config.accounts[body.get('login')].claims.groups = body.getAll('group');
  res.end('ok');
}

const handle = provider.callback();
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/test/groups') {
    setGroups(req, res);
    return;
  }
  const match = new URL(req.url, config.issuer).pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!match) {
    handle(req, res);
    return;
  }
  interaction(req, res, match[1], Boolean(match[2]) && req.method === 'POST').catch((error) => {
    res.statusCode = 400;
    res.end(String(error));
  });
});
server.listen(config.port, '127.0.0.1', () => process.stdout.write(`ready ${config.issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
