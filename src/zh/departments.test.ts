/** Department name variants and their cores, as data. */
import { describe, expect, it } from 'vitest';
import { canonicalizeDepartments, DEPARTMENT_VARIANTS, departmentCore, departmentSpellings } from './departments.js';

describe('department variants', () => {
  it('names the same department the same way, only where a name stands', () => {
    expect(canonicalizeDepartments('县林草局')).toBe('县林业和草原局');
    expect(canonicalizeDepartments('区水务局')).toBe('区水利局');
    expect(canonicalizeDepartments('加强与县纪委监委的沟通')).toBe('加强与县纪检监察的沟通');
    // Inside other words the short forms are no names: 森林、草原 holds 林、草 only after punctuation is dropped.
    expect(canonicalizeDepartments('森林草原生态系统')).toBe('森林草原生态系统');
    expect(canonicalizeDepartments('发展旱作农业')).toBe('发展旱作农业');
  });
  it('knows every spelling of a core, and each variant once', () => {
    expect(departmentCore('林草')).toBe('林业和草原');
    expect(departmentSpellings('林业和草原')).toEqual(expect.arrayContaining(['林草', '林业']));
    const all = DEPARTMENT_VARIANTS.flatMap((d) => d.variants.filter((v) => v !== d.core));
    expect(new Set(all).size).toBe(all.length);
  });
});
