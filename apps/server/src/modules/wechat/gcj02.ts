// WeChat reports a shared location in GCJ-02, the datum Chinese maps are required to use: WGS84 shifted by
// an irregular few hundred metres, about a grid's width. Grids (like Open311's lat/long) are WGS84, so a
// location is converted before it is placed. The forward transform is the published one (Krasovsky
// ellipsoid); its inverse has no closed form and is found by fixed-point iteration, to well under a metre.

const A = 6378245.0;
const EE = 0.006693421622965943;

/** GCJ-02 applies only inside China's rough bounding box; elsewhere the two datums coincide. */
function isOutsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let d = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  d += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  d += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return d;
}

function shiftLng(x: number, y: number): number {
  let d = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  d += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  d += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return d;
}

export type Point = { lng: number; lat: number };

/** A WGS84 point as Chinese maps (and WeChat) show it. */
export function wgs84ToGcj02(p: Point): Point {
  if (isOutsideChina(p.lng, p.lat)) return p;
  const radLat = (p.lat / 180) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (shiftLat(p.lng - 105, p.lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (shiftLng(p.lng - 105, p.lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

/** A GCJ-02 point back in WGS84: the point whose forward transform lands on it. */
export function gcj02ToWgs84(p: Point): Point {
  if (isOutsideChina(p.lng, p.lat)) return p;
  let w = p;
  // The shift changes slowly with position, so each pass gains some five orders of magnitude.
  for (let i = 0; i < 5; i++) {
    const g = wgs84ToGcj02(w);
    w = { lng: w.lng - (g.lng - p.lng), lat: w.lat - (g.lat - p.lat) };
  }
  return w;
}
