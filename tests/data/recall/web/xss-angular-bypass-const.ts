import { Component } from '@angular/core';
import { DomSanitizer, SafeResourceUrl } from '@angular/platform-browser';

const VIDEO_EMBED = 'https://www.youtube.com/embed/dQw4w9WgXcQ';

@Component({
  selector: 'app-video',
  template: '<iframe [src]="url"></iframe>',
})
export class VideoComponent {
  url: SafeResourceUrl;

  constructor(private sanitizer: DomSanitizer) {
    this.url = this.sanitizer.bypassSecurityTrustResourceUrl(VIDEO_EMBED);
  }
}
