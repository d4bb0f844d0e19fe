import type { en } from './en';

// The literal English strings widened to `string`, keeping every key: another language must fill exactly these keys.
type Widen<T> = T extends string ? string : { readonly [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof en>;

/** A message with plural forms; `other` is the fallback for categories a language does not list. */
export interface PluralForms {
  readonly one: string;
  readonly other: string;
}
