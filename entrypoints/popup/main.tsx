import { render } from 'preact';
import { locale } from '@/lib/i18n/locale';
import { Popup } from './Popup';
import './style.css';

document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
render(<Popup />, document.getElementById('app')!);
