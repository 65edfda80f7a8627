// Annotated tests of rules/web/angular.yaml (plugvet rules test).
import { Component, Input } from '@angular/core';

@Component({
  selector: 'app-post',
  template: `
    <!-- ruleid: angular.inner-html-binding -->
    <div class="body" [innerHTML]="post.bodyHtml"></div>
    <!-- ruleid: angular.inner-html-binding -->
    <p [innerHTML]='renderMarkdown(comment)'></p>
    <!-- ruleid: angular.inner-html-binding -->
    <aside bind-outerHTML="post.signature"></aside>
    <!-- ok: angular.inner-html-binding -->
    <h1>{{ post.title }}</h1>
    <!-- ok: angular.inner-html-binding -->
    <hr [innerHTML]="'<b>fixed</b>'">
    <!-- ok: angular.inner-html-binding -->
    <p [innerText]="comment"></p>
  `,
})
export class PostComponent {
  @Input() post = { title: '', bodyHtml: '' };
  @Input() comment = '';
  // ok: angular.inner-html-binding
  el = { innerHTML: '' };
  renderMarkdown(s: string): string {
    return s;
  }
}
