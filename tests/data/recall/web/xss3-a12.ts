import { Controller, Get, Query, Header } from '@nestjs/common';
@Controller()
export class HelloController {
  @Get('hello')
  @Header('Content-Type', 'text/html')
  hello(@Query('name') name: string): string {
    return `<h1>Hello ${name}</h1>`;
  }
}
