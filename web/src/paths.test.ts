import { describe, expect, it } from 'vitest';
import { isCitizenPath, returnPathAfterSignIn } from './paths.ts';

describe('returnPathAfterSignIn', () => {
  it('goes back to the app page that sent the person to sign in, with its query', () => {
    expect(returnPathAfterSignIn('/tra-cuu?so=0912', '/')).toBe('/tra-cuu?so=0912');
  });

  it('never leads to another site or back to sign-in', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/dang-nhap?next=%2F', '', null]) {
      expect(returnPathAfterSignIn(next, '/'), String(next)).toBe('/');
    }
  });
});

describe('isCitizenPath', () => {
  it('is the self-check page and below it, nothing else', () => {
    expect(isCitizenPath('/tu-kiem-tra')).toBe(true);
    expect(isCitizenPath('/tu-kiem-tra/')).toBe(true);
    expect(isCitizenPath('/tu-kiem-tra-khac')).toBe(false);
    expect(isCitizenPath('/')).toBe(false);
  });
});
