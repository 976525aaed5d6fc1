// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { privacyHtml, privacyPage } from '../../../scripts/build/privacy-page';

// PRIVACY.md as the extension's privacy.html (the settings page links it; the stores ask for it).

const page = privacyPage();
const dom = new DOMParser().parseFromString(page.contents, 'text/html');
const section = (lang: string) => dom.querySelector(`section[lang="${lang}"]`)?.textContent ?? '';

describe('the privacy page', () => {
  it('is built where the settings page links it', () => {
    expect(page.relativeDest).toBe('privacy.html');
  });

  it('holds the Chinese and the English policy, each marked with its language for screen readers', () => {
    expect(dom.documentElement.lang).toBe('zh-CN');
    expect(section('zh-CN')).toContain('从不保存密码');
    expect(section('en')).toContain('never the password');
    expect(section('zh-CN')).not.toContain('never the password');
  });

  it('says, in both languages, what is read, stored, sent and how to delete it', () => {
    for (const heading of ['读取什么', '保存什么，保存在哪里', '发送什么，发给谁', '如何删除']) {
      expect(section('zh-CN')).toContain(heading);
    }
    for (const heading of [
      'What it reads',
      'What it stores, and where',
      'What it sends, and to whom',
      'How to delete it',
    ]) {
      expect(section('en')).toContain(heading);
    }
  });

  it('keeps the anchors the file links to', () => {
    const targets = [...dom.querySelectorAll('a[href^="#"]')].map((a) =>
      decodeURIComponent(a.getAttribute('href')!.slice(1)),
    );
    expect(targets).toEqual(['中文', 'english']);
    for (const id of targets) expect(dom.getElementById(id)).not.toBeNull();
  });

  it('refuses a policy without one of its languages', () => {
    expect(() => privacyHtml('# Privacy\n\n## English\n\ntext\n')).toThrow('PRIVACY.md needs the parts');
  });
});
