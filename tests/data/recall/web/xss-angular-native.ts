import { Component, ElementRef, OnInit, ViewChild } from '@angular/core';
import { ActivatedRoute } from '@angular/router';

@Component({ selector: 'app-note', template: '<div #note></div>' })
export class NoteComponent implements OnInit {
  @ViewChild('note', { static: true }) note!: ElementRef<HTMLDivElement>;

  constructor(private route: ActivatedRoute) {}

  ngOnInit(): void {
    const text = this.route.snapshot.queryParamMap.get('text') ?? '';
    this.note.nativeElement.innerHTML = text;
  }
}
