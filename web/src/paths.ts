/** The app's public addresses (Vietnamese, as people say them); the staff pages' are in pages/staff-pages.tsx. */
export const CITIZEN_PATH = '/tu-kiem-tra';
export const SIGN_IN_PATH = '/dang-nhap';

export function isCitizenPath(pathname: string): boolean {
  return pathname === CITIZEN_PATH || pathname.startsWith(`${CITIZEN_PATH}/`);
}
