import { render } from 'preact';
import { locale } from '@/lib/i18n/locale';
import { App } from './App';
import './style.css';

document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
render(<App />, document.getElementById('app')!);
