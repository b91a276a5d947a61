/**
 * Whether to say that a repeated passphrase differs. Derived from what is in
 * the fields now, never remembered, so the message goes as soon as the two
 * match. It shows once the person tried to submit, or once the repeat is as
 * long as the first and still differs (so it does not nag mid-typing).
 */
export function repeatDiffers(first: string, repeat: string, submitted: boolean): boolean {
  if (first === repeat) return false;
  return submitted || (repeat.length > 0 && repeat.length >= first.length);
}
