import type { MessageKey } from './messages';
import { locale } from './locale';
import { translate, type Params } from './translate';

export { locale } from './locale';

export const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
