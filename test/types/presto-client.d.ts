/** The part of presto-client (untyped CommonJS) the protocol test uses. */
declare module 'presto-client' {
  interface Column {
    name: string;
    type: string;
  }
  interface ExecuteOptions {
    query: string;
    catalog?: string;
    schema?: string;
    data?: (error: unknown, data: unknown[][], columns: Column[], stats: unknown) => void;
    success?: (error: unknown, stats: { state: string }) => void;
    error?: (error: { message: string; errorName?: string; errorLocation?: { lineNumber: number; columnNumber: number } }) => void;
  }
  class Client {
    constructor(args: { host: string; port: number; user?: string; catalog?: string; schema?: string; checkInterval?: number; basic_auth?: { user: string; password: string }; engine?: 'presto' | 'trino' });
    execute(opts: ExecuteOptions): void;
  }
  const presto: { Client: typeof Client };
  export default presto;
}
