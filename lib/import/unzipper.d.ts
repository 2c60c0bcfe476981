// The part of unzipper (exceljs's zip reader) that lib/import/read-xlsx.ts uses: a parser that
// takes an archive as a stream and emits an 'entry' event, a readable stream, for each file in it.
declare module 'unzipper' {
  import type { Duplex } from 'node:stream';

  const unzipper: { Parse(options?: { verbose?: boolean }): Duplex };
  export default unzipper;
}
