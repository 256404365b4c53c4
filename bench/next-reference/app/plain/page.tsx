/** The same page as /list, outside the middleware (middleware.ts's matcher skips /plain): the framework with no CSP nonce. */
export { default } from "../list/page";
