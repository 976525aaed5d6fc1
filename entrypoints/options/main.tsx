import { render } from 'preact';
import { locale, t } from '@/lib/i18n';
import { App } from './App';
import './style.css';

document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
document.title = t('settingsPageTitle');
render(<App />, document.getElementById('app')!);
