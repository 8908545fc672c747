/** Header set by proxy.ts with the requested path and query, so pages can send the user back after sign-in. */
export const REQUEST_PATH_HEADER = "x-console-path";
