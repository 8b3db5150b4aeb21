/** X handles: up to 15 letters, digits and underscores. */
const HANDLE = /^\w{1,15}$/;

/**
 * Web link to a post; X redirects `/i/web/status/<id>` to the author when the handle is unknown
 * (or not of a handle's shape: the link is never built from an unchecked string).
 */
export function postPermalink(tweetId: string, handle?: string): string {
  const id = encodeURIComponent(tweetId);
  return handle && HANDLE.test(handle)
    ? `https://x.com/${handle}/status/${id}`
    : `https://x.com/i/web/status/${id}`;
}

/**
 * The "DM us" deep link: opens a DM to the account, optionally with a prefilled text.
 * `accountId` is the numeric user id of our account (the recipient of the customer's DM).
 */
export function dmComposeLink(accountId: string, text?: string): string {
  const link = `https://x.com/messages/compose?recipient_id=${encodeURIComponent(accountId)}`;
  return text ? `${link}&text=${encodeURIComponent(text)}` : link;
}
