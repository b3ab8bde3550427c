/** Review methods of the API contract (see ./index.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReviewApi {}
