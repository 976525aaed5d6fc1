import { render } from 'preact';
import { locale } from '@/lib/i18n/locale';
import { popupStore } from './App';
import { Popup } from './Popup';
import './style.css';

// Storage is asked first, so its answer is on its way while Preact draws the header.
const store = popupStore();
document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
render(<Popup store={store} />, document.getElementById('app')!);
