/** One user-facing string in both languages. `{name}` marks a value filled in by `t()`. */
export type Strings = Record<string, { zh: string; en: string }>;
