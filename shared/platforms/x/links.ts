/** Web link to a post; X redirects `/i/web/status/<id>` to the author when the handle is unknown. */
export function postPermalink(tweetId: string, handle?: string): string {
  return handle ? `https://x.com/${handle}/status/${tweetId}` : `https://x.com/i/web/status/${tweetId}`;
}

/**
 * The "DM us" deep link: opens a DM to the account, optionally with a prefilled text.
 * `accountId` is the numeric user id of our account (the recipient of the customer's DM).
 */
export function dmComposeLink(accountId: string, text?: string): string {
  const link = `https://x.com/messages/compose?recipient_id=${encodeURIComponent(accountId)}`;
  return text ? `${link}&text=${encodeURIComponent(text)}` : link;
}
