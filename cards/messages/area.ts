// The shape each area of the catalogue has: its Swedish sentences, and English with exactly the
// same keys, so that a key missing from the English, or found only there, does not compile.

export type EnglishOf<Swedish> = { [Key in keyof Swedish]: string };
