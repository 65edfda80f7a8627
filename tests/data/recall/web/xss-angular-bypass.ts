import { Component, OnInit } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';

@Component({
  selector: 'app-banner',
  template: '<div [innerHTML]="banner"></div>',
})
export class BannerComponent implements OnInit {
  banner: SafeHtml = '';

  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}

  ngOnInit(): void {
    this.route.queryParams.subscribe((params) => {
      this.banner = this.sanitizer.bypassSecurityTrustHtml(params['content']);
    });
  }
}
