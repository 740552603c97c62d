/*
 * coords.c — coordinate systems of Chinese web maps, as PostgreSQL points
 * (x = longitude, y = latitude, degrees).
 *
 * WGS84 is what GPS and PostGIS's SRID 4326 use.  GCJ-02 (国测局坐标, used
 * by Amap and Tencent) is WGS84 shifted by a published obfuscation formula,
 * 50–700 m inside China; BD-09 (Baidu) is GCJ-02 shifted again.  The
 * formula's constants — the Krasovsky 1940 ellipsoid a = 6 378 245 m,
 * e² = 0.00669342162296594323 — are those of the open reimplementations
 * (wandergis/coordtransform, whose published values the tests check).  The
 * box outside which there is no shift, 72.004–137.8347 °E,
 * 0.8293–55.8271 °N, is the wider one many of them use; wandergis's own is
 * 73.66–135.05 °E, 3.86–53.55 °N, which leaves out the country's northern tip
 * near Mohe (about 53.56 °N).
 *
 * GCJ-02 → WGS84 has no closed form: the shift is inverted by fixed-point
 * iteration, w ← g − shift(w), from w = g.  The shift's slope is about 0.002
 * per degree, so each step gains about three digits; the loop stops when a
 * step moves the point by less than 1e-15° (at most 10 steps), and the
 * result maps back to the given point to about 1e-13° (0.01 mm).  The
 * one-step inverse common on the web (g − shift(g)) is off by up to 5e-7°.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "textio.h"
#include "utils/builtins.h"
#include "utils/geo_decls.h"

#define KRASOVSKY_A 6378245.0
#define KRASOVSKY_EE 0.00669342162296594323
#define BD_X_PI (M_PI * 3000.0 / 180.0)

static bool
outside_china(double lon, double lat)
{
	return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

static double
shift_lat(double x, double y)
{
	double		r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(fabs(x));

	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(y * M_PI) + 40.0 * sin(y / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (160.0 * sin(y / 12.0 * M_PI) + 320.0 * sin(y * M_PI / 30.0)) * 2.0 / 3.0;
	return r;
}

static double
shift_lon(double x, double y)
{
	double		r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(fabs(x));

	r += (20.0 * sin(6.0 * x * M_PI) + 20.0 * sin(2.0 * x * M_PI)) * 2.0 / 3.0;
	r += (20.0 * sin(x * M_PI) + 40.0 * sin(x / 3.0 * M_PI)) * 2.0 / 3.0;
	r += (150.0 * sin(x / 12.0 * M_PI) + 300.0 * sin(x / 30.0 * M_PI)) * 2.0 / 3.0;
	return r;
}

/* The GCJ-02 formula's shift at a WGS84 point, in degrees, box ignored. */
static void
gcj02_formula(double lon, double lat, double *dlon, double *dlat)
{
	double		rad,
				magic,
				sqrt_magic;

	rad = lat / 180.0 * M_PI;
	magic = sin(rad);
	magic = 1.0 - KRASOVSKY_EE * magic * magic;
	sqrt_magic = sqrt(magic);
	*dlat = (shift_lat(lon - 105.0, lat - 35.0) * 180.0)
		/ ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * M_PI);
	*dlon = (shift_lon(lon - 105.0, lat - 35.0) * 180.0)
		/ (KRASOVSKY_A / sqrt_magic * cos(rad) * M_PI);
}

/* The GCJ-02 shift at a WGS84 point: none outside China's box. */
static void
gcj02_shift(double lon, double lat, double *dlon, double *dlat)
{
	if (outside_china(lon, lat))
		*dlon = *dlat = 0.0;
	else
		gcj02_formula(lon, lat, dlon, dlat);
}

static void
wgs84_to_gcj02(double lon, double lat, double *out_lon, double *out_lat)
{
	double		dlon,
				dlat;

	gcj02_shift(lon, lat, &dlon, &dlat);
	*out_lon = lon + dlon;
	*out_lat = lat + dlat;
}

/*
 * The inverse iterates the formula without the box (near the box's edges a
 * step could otherwise flip between shifted and unshifted points); a result
 * outside the box was never shifted, and the given point is its own inverse.
 */
static void
gcj02_to_wgs84(double lon, double lat, double *out_lon, double *out_lat)
{
	double		x = lon,
				y = lat;

	for (int i = 0; i < 10; i++)
	{
		double		dlon,
					dlat,
					nx,
					ny;

		gcj02_formula(x, y, &dlon, &dlat);
		nx = lon - dlon;
		ny = lat - dlat;
		if (fabs(nx - x) < 1e-15 && fabs(ny - y) < 1e-15)
		{
			x = nx;
			y = ny;
			break;
		}
		x = nx;
		y = ny;
	}
	if (outside_china(x, y))
	{
		x = lon;
		y = lat;
	}
	*out_lon = x;
	*out_lat = y;
}

static void
gcj02_to_bd09(double lon, double lat, double *out_lon, double *out_lat)
{
	double		z = sqrt(lon * lon + lat * lat) + 0.00002 * sin(lat * BD_X_PI);
	double		t = atan2(lat, lon) + 0.000003 * cos(lon * BD_X_PI);

	*out_lon = z * cos(t) + 0.0065;
	*out_lat = z * sin(t) + 0.006;
}

static void
bd09_to_gcj02(double lon, double lat, double *out_lon, double *out_lat)
{
	double		x = lon - 0.0065,
				y = lat - 0.006;
	double		z = sqrt(x * x + y * y) - 0.00002 * sin(y * BD_X_PI);
	double		t = atan2(y, x) - 0.000003 * cos(x * BD_X_PI);

	*out_lon = z * cos(t);
	*out_lat = z * sin(t);
}

static void
check_degrees(double lon, double lat)
{
	if (!isfinite(lon) || !isfinite(lat) || lon < -180.0 || lon > 180.0 || lat < -90.0 || lat > 90.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid location (%g, %g)", lon, lat),
				 errhint("Give longitude (-180 to 180) and latitude (-90 to 90) in degrees.")));
}

static Point *
make_point(double x, double y)
{
	Point	   *p = (Point *) palloc(sizeof(Point));

	p->x = x;
	p->y = y;
	return p;
}

typedef void (*convert_fn) (double, double, double *, double *);

static Datum
convert_point(FunctionCallInfo fcinfo, convert_fn convert)
{
	Point	   *p = PG_GETARG_POINT_P(0);
	double		x,
				y;

	check_degrees(p->x, p->y);
	convert(p->x, p->y, &x, &y);
	PG_RETURN_POINT_P(make_point(x, y));
}

PG_FUNCTION_INFO_V1(energy_wgs84_to_gcj02);
Datum
energy_wgs84_to_gcj02(PG_FUNCTION_ARGS)
{
	return convert_point(fcinfo, wgs84_to_gcj02);
}

PG_FUNCTION_INFO_V1(energy_gcj02_to_wgs84);
Datum
energy_gcj02_to_wgs84(PG_FUNCTION_ARGS)
{
	return convert_point(fcinfo, gcj02_to_wgs84);
}

PG_FUNCTION_INFO_V1(energy_gcj02_to_bd09);
Datum
energy_gcj02_to_bd09(PG_FUNCTION_ARGS)
{
	return convert_point(fcinfo, gcj02_to_bd09);
}

PG_FUNCTION_INFO_V1(energy_bd09_to_gcj02);
Datum
energy_bd09_to_gcj02(PG_FUNCTION_ARGS)
{
	return convert_point(fcinfo, bd09_to_gcj02);
}

/* energy.to_wgs84(lon, lat, coord_system): the WGS84 point. */
PG_FUNCTION_INFO_V1(energy_to_wgs84);
Datum
energy_to_wgs84(PG_FUNCTION_ARGS)
{
	double		lon = PG_GETARG_FLOAT8(0);
	double		lat = PG_GETARG_FLOAT8(1);
	char	   *system = text_to_cstring(PG_GETARG_TEXT_PP(2));
	double		x,
				y;

	check_degrees(lon, lat);
	if (strcmp(system, "wgs84") == 0)
	{
		x = lon;
		y = lat;
	}
	else if (strcmp(system, "gcj02") == 0)
		gcj02_to_wgs84(lon, lat, &x, &y);
	else if (strcmp(system, "bd09") == 0)
	{
		double		gx,
					gy;

		bd09_to_gcj02(lon, lat, &gx, &gy);
		gcj02_to_wgs84(gx, gy, &x, &y);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown coordinate system \"%s\"", shown_input(system)),
				 errhint("Use wgs84 (GPS, PostGIS SRID 4326), gcj02 (Amap, Tencent) or bd09 (Baidu).")));
	PG_RETURN_POINT_P(make_point(x, y));
}
