// How every setting read from the environment treats text: trimmed, and empty means unset.
import { z } from 'zod';

export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
