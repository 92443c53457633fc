/** The app's public addresses (Vietnamese, as people say them); the staff pages' are in pages/staff-pages.tsx. */
export const CITIZEN_PATH = '/tu-kiem-tra';
export const SIGN_IN_PATH = '/dang-nhap';

export function isCitizenPath(pathname: string): boolean {
  return pathname === CITIZEN_PATH || pathname.startsWith(`${CITIZEN_PATH}/`);
}

/**
 * Where to go after signing in: the page that sent the person here (`?next=`), if it is one of
 * this app's addresses; never another site (`//host`, `https://…`), which would make the sign-in
 * page a way to lead people elsewhere.
 */
export function returnPathAfterSignIn(next: string | null, fallback: string): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith(SIGN_IN_PATH)) return fallback;
  return next;
}
