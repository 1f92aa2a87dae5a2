-- The browser admin's login sessions (web.security.AdminSessions). The encrypted kaiko-session cookie only names a
-- row here, so logging out (the row deleted) ends the session for every copy of the cookie, on every instance and
-- across restarts. credential is an HMAC (keyed with the session key) of the admin token that opened the session,
-- never the token: a session lasts only while that token is still configured, unchanged. Times are the
-- application's, checked against kaiko.admin.session-idle-timeout and kaiko.admin.session-lifetime.
create table admin_session (
    id           text        primary key,
    token_name   text        not null,
    credential   bytea       not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null
);
create index admin_session_last_seen_idx on admin_session (last_seen_at);
create index admin_session_created_idx on admin_session (created_at);
