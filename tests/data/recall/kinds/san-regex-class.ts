export const stripTags = (html: string): string => html.replace(/[<>]/, '');
