/**
 * The one place a field's `pattern` becomes a RegExp, so the definition check and the submission
 * validator can never disagree on what compiles. Anchored like an HTML `pattern` attribute; `u` so
 * character classes see Chinese characters and emoji as single characters.
 */
export function compileFieldPattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}
