// 'server-only' throws outside a React server bundle; tests run lib/ code directly in Node.
export {};
