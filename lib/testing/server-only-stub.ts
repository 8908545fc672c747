// Stand-in for the `server-only` marker package when code runs outside Next.js (tests, scripts).
export {};
