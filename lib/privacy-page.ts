/** Where the build puts PRIVACY.md as a page of the extension (scripts/build/privacy-page.ts). */
export const PRIVACY_PAGE_PATH = '/privacy.html';
