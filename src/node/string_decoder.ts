/**
 * `string_decoder`: the string_decoder npm package (Node's own
 * implementation, republished). https://nodejs.org/api/string_decoder.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as pkg from 'string_decoder';

export const StringDecoder: any = (pkg as any).StringDecoder;
export default { StringDecoder };
