// Tests for xss.yaml (js.taint.xss): React, Angular and VS Code markdown (TSX).
import * as React from 'react';
import { ActivatedRoute } from '@angular/router';
import { ElementRef, Renderer2 } from '@angular/core';
import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import DOMPurify from 'dompurify';
import * as vscode from 'vscode';
import { MarkdownString } from 'vscode';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

export function Bio(): JSX.Element {
  const bio: string = decodeURIComponent(location.hash.slice(1));
  // ruleid: js.taint.xss
  return <div className="bio" dangerouslySetInnerHTML={{ __html: bio }} />;
}

export function SafeBio(): JSX.Element {
  const bio: string = location.hash;
  // ok: js.taint.xss
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />;
}

export function TextBio(): JSX.Element {
  const bio = location.hash;
  // ok: js.taint.xss
  return <div className="bio">{bio}</div>;
}

export function Back(): JSX.Element {
  const next = new URLSearchParams(window.location.search).get('next') ?? window.location.search;
  return (
    // ruleid: js.taint.xss
    <a className="back" href={next}>
      back
    </a>
  );
}

export function Frame(): JSX.Element {
  // ruleid: js.taint.xss
  return <iframe title="x" src={document.referrer} />;
}

export function Profile({ id }: { id: string }): JSX.Element {
  const user = location.hash.slice(1);
  // ok: js.taint.xss
  return <a href={`/users/${user}`}>profile</a>;
}

export function Mail(): JSX.Element {
  // ok: js.taint.xss
  return <a href={'mailto:' + location.hash.slice(1)}>mail</a>;
}

export function Notes(): JSX.Element {
  // ruleid: js.taint.xss
  return <ReactMarkdown rehypePlugins={[rehypeRaw]}>{location.hash}</ReactMarkdown>;
}

export function SafeNotes(): JSX.Element {
  // ok: js.taint.xss
  return <ReactMarkdown>{location.hash}</ReactMarkdown>;
}

// react-markdown 4 and earlier: escapeHtml={false} renders raw HTML.
export function OldNotes(): JSX.Element {
  // ruleid: js.taint.xss
  return <ReactMarkdown source={location.hash} escapeHtml={false} />;
}

export function OldNotesChildren(): JSX.Element {
  // ruleid: js.taint.xss
  return <ReactMarkdown escapeHtml={false}>{document.referrer}</ReactMarkdown>;
}

export function OldNotesEscaped(): JSX.Element {
  // ok: js.taint.xss
  return <ReactMarkdown source={location.hash} escapeHtml={true} />;
}

export function OldNotesFixed(): JSX.Element {
  // ok: js.taint.xss
  return <ReactMarkdown source={'**fixed**'} escapeHtml={false} />;
}

export class Preview {
  html: SafeHtml | undefined;
  constructor(private sanitizer: DomSanitizer) {}
  show(): void {
    // ruleid: js.taint.xss
    this.html = this.sanitizer.bypassSecurityTrustHtml(location.hash);
    // ruleid: js.taint.xss
    const u = this.sanitizer.bypassSecurityTrustResourceUrl(document.URL);
    // ok: js.taint.xss
    this.html = this.sanitizer.bypassSecurityTrustHtml('<b>static</b>');
    // ok: js.taint.xss
    const s = this.sanitizer.sanitize(1, location.hash);
  }
}

// Angular's Renderer2 sets a property as is (no sanitising, unlike [innerHTML]).
export class RenderedNote {
  constructor(private renderer: Renderer2, private host: ElementRef, private route: ActivatedRoute) {}
  show(): void {
    const note = this.route.snapshot.queryParamMap.get('note') ?? '';
    // ruleid: js.taint.xss
    this.renderer.setProperty(this.host.nativeElement, 'innerHTML', note);
    // ok: js.taint.xss
    this.renderer.setProperty(this.host.nativeElement, 'textContent', note);
    // ok: js.taint.xss
    this.renderer.setProperty(this.host.nativeElement, 'innerHTML', '<hr>');
  }
}

// Angular's router: the snapshot and the route's observables carry the URL.
export class RoutedPreview {
  html: SafeHtml | undefined;
  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}
  show(): void {
    // ruleid: js.taint.xss
    this.html = this.sanitizer.bypassSecurityTrustHtml(this.route.snapshot.queryParams['q']);
    this.route.paramMap.subscribe((params) => {
      // ruleid: js.taint.xss
      this.html = this.sanitizer.bypassSecurityTrustHtml(params.get('slug') ?? '');
      // ok: js.taint.xss
      this.html = this.sanitizer.sanitize(1, params.get('slug'));
    });
    // ok: js.taint.xss
    this.html = this.sanitizer.bypassSecurityTrustHtml(this.route.snapshot.title ?? '');
  }
}

export function hover(): vscode.Hover {
  const title = vscode.workspace.getConfiguration('ext').get<string>('title') ?? '';
  // ruleid: js.taint.xss
  const md = new MarkdownString(`**${title}**`);
  md.isTrusted = true;
  const plain = new vscode.MarkdownString();
  // ok: js.taint.xss
  plain.appendMarkdown(title);
  const html = new vscode.MarkdownString();
  html.supportHtml = true;
  // ruleid: js.taint.xss
  html.appendMarkdown(`<span>${title}</span>`);
  // ok: js.taint.xss
  const untrusted = new MarkdownString(title);
  // ok: js.taint.xss
  const fixed = { value: '**fixed**', isTrusted: true };
  return new vscode.Hover([md, plain, html, untrusted]);
}

// URL props without JSX: React.createElement and Preact's h().
import { h } from 'preact';
import { createElement } from 'react';
export function Links(): React.ReactElement {
  const params = new URLSearchParams(window.location.search);
  const url = params.get('u') ?? '';
  // ruleid: js.taint.xss
  const a = React.createElement('a', { href: url, className: 'go' }, 'go');
  // ruleid: js.taint.xss
  const f = createElement('iframe', { src: url });
  // ruleid: js.taint.xss
  const p = h('form', { action: url });
  // ok: js.taint.xss
  const b = React.createElement('a', { href: '/search?q=' + url }, 'search');
  // ok: js.taint.xss
  const c = React.createElement('a', { title: url, href: '/help' }, 'help');
  // ok: js.taint.xss
  const d = React.createElement('span', { className: 'label' }, url);
  return React.createElement('div', null, a, f, p, b, c, d);
}
