import { describe, expect, it } from 'vitest';
import { doiUrl, normaliseDoi } from './doi.js';
import { ValidationError } from './errors.js';

describe('normaliseDoi', () => {
  it('strips resolver prefixes and whitespace', () => {
    expect(normaliseDoi('10.1149/1945-7111/abae37')).toBe('10.1149/1945-7111/abae37');
    expect(normaliseDoi(' https://doi.org/10.1016/j.jpowsour.2020.228806 ')).toBe('10.1016/j.jpowsour.2020.228806');
    expect(normaliseDoi('http://dx.doi.org/10.1038/s41560-019-0356-8')).toBe('10.1038/s41560-019-0356-8');
    expect(normaliseDoi('doi:10.5281/zenodo.1234567')).toBe('10.5281/zenodo.1234567');
    expect(normaliseDoi('https://doi.org/10.1002/%28SICI%291097')).toBe('10.1002/(SICI)1097');
    expect(doiUrl('10.1149/abc')).toBe('https://doi.org/10.1149/abc');
  });

  it.each(['', '11.1149/abc', '10.11/abc', '10.1149', '10.1149/', 'not a doi', '10.1149/has space'])('rejects %j', (doi) => {
    expect(() => normaliseDoi(doi)).toThrow(ValidationError);
  });
});
