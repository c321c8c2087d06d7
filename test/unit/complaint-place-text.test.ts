import { describe, expect, it } from 'vitest';
import { placeText } from '../../src/complaints/messages.js';

const at = (over: Partial<Parameters<typeof placeText>[0]>) =>
  placeText({ building: null, unit: null, room: null, place: null, location: null, ...over });

describe('where a complaint is, in words', () => {
  it('names the grid building with unit and room', () => {
    expect(at({ building: '5号楼', unit: '2单元', room: '301' })).toBe('5号楼2单元301室');
  });

  it('else the place, else the location’s label', () => {
    const location = { latitude: 39.9, longitude: 116.4, label: '幸福里小区南门' };
    expect(at({ place: '菜市场门口', location })).toBe('菜市场门口');
    expect(at({ location })).toBe('幸福里小区南门');
  });

  it('gives the coordinates of a location WeCom sent without a label', () => {
    expect(at({ location: { latitude: 39.912345, longitude: 116.391, label: '' } })).toBe(
      '定位 39.91235,116.39100',
    );
  });

  it('says when nothing says where', () => {
    expect(at({})).toBe('未说明地点');
  });
});
