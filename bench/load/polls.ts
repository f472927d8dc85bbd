/** Live poll viewers and voters (S7), run inside a load generator. */
export function pollHandlers() {
  return {};
}
