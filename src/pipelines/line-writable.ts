/** A Writable that hands each complete line to a function (progress JSON lines → LOG messages). */
import { Writable } from 'node:stream';

export function lineWritable(onLine: (line: string) => void): Writable {
  let buffered = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.trim() !== '') onLine(line);
      }
      callback();
    },
  });
}
