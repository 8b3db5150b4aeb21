/**
 * Values the local stack uses when neither the environment nor `.env` sets them, so that a fresh
 * clone runs with `npm run dev` alone. They are development values, not secrets: never deploy them.
 * The simulator signs its deliveries with the same values.
 */
export const LOCAL_DEFAULTS = {
  META_APP_SECRET: 'local-meta-app-secret',
  META_VERIFY_TOKEN: 'local-verify-token',
  X_CONSUMER_SECRET: 'local-x-consumer-secret',
} as const;
