import { NextRequest, NextResponse } from 'next/server';

export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get('src');
  const upstream = await fetch(target!);
  return new NextResponse(upstream.body, { status: upstream.status });
}
