// Angular's ActivatedRoute: the snapshot's maps and the values its
// observables hand to subscribe.
import { Component, OnInit } from '@angular/core';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { ActivatedRoute, ParamMap } from '@angular/router';

@Component({ selector: 'app-page', template: '<div [innerHTML]="body"></div>' })
export class PageComponent implements OnInit {
  body: SafeHtml = '';
  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    const q = this.route.snapshot.queryParamMap.get('q');
    // ruleid: test.sources.spa-routes
    this.body = this.sanitizer.bypassSecurityTrustHtml(q ?? '');
    // ruleid: test.sources.spa-routes
    this.body = this.sanitizer.bypassSecurityTrustHtml(this.route.snapshot.params['id']);
    // ruleid: test.sources.spa-routes
    this.body = this.sanitizer.bypassSecurityTrustHtml(this.route.snapshot.fragment ?? '');
    // ok: test.sources.spa-routes
    this.body = this.sanitizer.bypassSecurityTrustHtml('<b>fixed</b>');
    this.route.queryParams.subscribe((params) => {
      // ruleid: test.sources.spa-routes
      this.body = this.sanitizer.bypassSecurityTrustHtml(params['q']);
    });
    this.route.paramMap.subscribe((map: ParamMap) => {
      // ruleid: test.sources.spa-routes
      document.getElementById('t')!.innerHTML = map.get('id') ?? '';
    });
    // Route data comes from the route's own configuration, not the URL.
    this.route.data.subscribe((data) => {
      // ok: test.sources.spa-routes
      this.body = this.sanitizer.bypassSecurityTrustHtml(data['banner']);
    });
    // Another object's observable is no route.
    this.store.items.subscribe((items) => {
      // ok: test.sources.spa-routes
      document.getElementById('t')!.innerHTML = items.html;
    });
  }
  private store: any;
}
