import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as dutch from '@zxcvbn-ts/language-nl-be';

/**
 * zxcvbn-ts with its common, English and Dutch dictionaries: several hundred kB, so this module is only ever
 * imported dynamically, from the new-password screen (the first screen's bundle stays as it was).
 */
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary, ...dutch.dictionary },
  graphs: common.adjacencyGraphs,
});

/** 0 (too guessable) to 4 (very unguessable), zxcvbn's score; the names are one more input it penalises. */
export function strengthScore(password: string, userInputs: readonly string[]): number {
  return zxcvbn.check(password, [...userInputs]).score;
}
