import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  const to = request.nextUrl.searchParams.get('to');
  if (to) {
    return NextResponse.redirect(new URL(to, request.url));
  }
  return NextResponse.next();
}
