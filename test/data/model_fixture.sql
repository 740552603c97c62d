-- The hand-built dataset of test/sql/model.sql and test/sql/indicators.sql
-- (and of the dump/restore and ODBC tests): five institutions in Liaoning
-- (21…) and Guangxi (45…), four categories, four departments and one
-- without, 2021 and 2022.  B is known only by its city, E only by its
-- province and is new in 2022; D has no building area; C's credit code has
-- a wrong check character and E has an identifier of its own.  Bills are
-- printed with inclusive end dates (daterange(..., '[]')), some sharing a
-- day with the next bill; heat bills span months and the new year; E's
-- electricity comes from a meter's register readings.
-- Run it with :model set to the schema of a model made by energy.create_model.
INSERT INTO :model.institution (institution_id, name, region_code, category, department) VALUES
    ('11210102MB0123456T', '辽宁省某厅机关',   '210102', '01',  '省机关事务管理局'),
    ('12210200MB0234567B', '大连某中学',       '210200', '021', '省教育厅'),
    ('12450103MB0345678X', '南宁某医院',       '450103', '024', '自治区卫生健康委'),
    ('12450305MB0456789D', '桂林某小学',       '450305', '021', '自治区教育厅'),
    ('GX-SH-0001',         '广西某学会',       '450000', '03',  NULL);

INSERT INTO :model.profile (institution_id, year, building_area_m2, people, vehicles_added, nev_added) VALUES
    ('11210102MB0123456T', 2021, 10000, 500, NULL, NULL),
    ('11210102MB0123456T', 2022, 10000, 500, 4, 2),
    ('12210200MB0234567B', 2021, 20000, 1000, NULL, NULL),
    ('12210200MB0234567B', 2022, 20000, 1200, NULL, NULL),
    ('12450103MB0345678X', 2021, 25000, 2000, NULL, NULL),
    ('12450103MB0345678X', 2022, 25000, 2000, NULL, NULL),
    ('12450305MB0456789D', 2021, NULL, 800, NULL, NULL),
    ('12450305MB0456789D', 2022, NULL, 800, NULL, NULL),
    ('GX-SH-0001',         2022, 1000, 50, NULL, NULL);

INSERT INTO :model.consumption (institution_id, period, carrier, amount, unit, end_use, account) VALUES
    -- A: electricity bills, inclusive in 2021, next-start-date style in 2022 (1 000 and 900 kWh a day)
    ('11210102MB0123456T', daterange('2021-01-01', '2021-06-30', '[]'), '电力', 181000, 'kWh', 'building', 'E-1'),
    ('11210102MB0123456T', daterange('2021-07-01', '2021-12-31', '[]'), '电力', 184000, 'kWh', 'building', 'E-1'),
    ('11210102MB0123456T', daterange('2022-01-01', '2022-07-01'), 'electricity', 162900, 'kWh', 'building', 'E-1'),
    ('11210102MB0123456T', daterange('2022-07-01', '2023-01-01'), 'electricity', 165600, 'kWh', 'building', 'E-1'),
    -- A: gas bills printed inclusive, each sharing its last day with the next (100 m³ a day)
    ('11210102MB0123456T', daterange('2021-01-01', '2021-01-15', '[]'), '天然气', 1400, 'm³', 'building', 'G-1'),
    ('11210102MB0123456T', daterange('2021-01-15', '2021-02-15', '[]'), '天然气', 3100, 'm³', 'building', 'G-1'),
    ('11210102MB0123456T', daterange('2021-02-15', '2021-03-31', '[]'), '天然气', 4500, 'm³', 'building', 'G-1'),
    ('11210102MB0123456T', daterange('2021-04-01', '2021-12-31', '[]'), '天然气', 27500, 'm³', 'building', 'G-1'),
    ('11210102MB0123456T', daterange('2022-01-01', '2023-01-01'), 'natural_gas', 32850, 'm³', 'building', 'G-1'),
    -- A: water (in tonnes), rooftop PV, the data-centre rooms (其中项)
    ('11210102MB0123456T', daterange('2021-01-01', '2022-01-01'), '水', 18250, '吨', 'building', NULL),
    ('11210102MB0123456T', daterange('2022-01-01', '2023-01-01'), '水', 16425, '吨', 'building', NULL),
    ('11210102MB0123456T', daterange('2022-01-01', '2023-01-01'), 'pv', 10000, 'kWh', 'pv_generation', NULL),
    ('11210102MB0123456T', daterange('2022-01-01', '2023-01-01'), 'electricity', 36500, 'kWh', 'datacentre_total', NULL),
    ('11210102MB0123456T', daterange('2022-01-01', '2023-01-01'), 'electricity', 25, 'MWh', 'datacentre_it', NULL),
    -- B: electricity in 万kWh; heat bills over the heating seasons (100 GJ a day), one across the new year; diesel by the litre
    ('12210200MB0234567B', daterange('2021-01-01', '2022-01-01'), 'electricity', 20, '万kWh', 'building', NULL),
    ('12210200MB0234567B', daterange('2022-01-01', '2023-01-01'), 'electricity', 19, '万kWh', 'building', NULL),
    ('12210200MB0234567B', daterange('2021-01-01', '2021-03-15', '[]'), '热力', 7400, 'GJ', 'heating', 'H-1'),
    ('12210200MB0234567B', daterange('2021-11-15', '2022-03-15', '[]'), '热力', 12100, 'GJ', 'heating', 'H-1'),
    ('12210200MB0234567B', daterange('2022-11-15', '2022-12-31', '[]'), '热力', 4700, 'GJ', 'heating', 'H-1'),
    ('12210200MB0234567B', daterange('2021-01-01', '2022-01-01'), 'water', 30000, 'm³', 'building', NULL),
    ('12210200MB0234567B', daterange('2022-01-01', '2023-01-01'), 'water', 33000, 'm³', 'building', NULL),
    ('12210200MB0234567B', daterange('2022-01-01', '2023-01-01'), '柴油', 1000, 'L', 'vehicle', NULL),
    -- C: electricity, green electricity in 2022, gas, water
    ('12450103MB0345678X', daterange('2021-01-01', '2022-01-01'), 'electricity', 500000, 'kWh', 'building', NULL),
    ('12450103MB0345678X', daterange('2022-01-01', '2023-01-01'), 'electricity', 400000, 'kWh', 'building', NULL),
    ('12450103MB0345678X', daterange('2022-01-01', '2023-01-01'), 'green_electricity', 80000, 'kWh', 'building', NULL),
    ('12450103MB0345678X', daterange('2021-01-01', '2022-01-01'), 'natural_gas', 10000, 'm³', 'building', NULL),
    ('12450103MB0345678X', daterange('2022-01-01', '2023-01-01'), 'natural_gas', 9000, 'm³', 'building', NULL),
    ('12450103MB0345678X', daterange('2021-01-01', '2022-01-01'), 'water', 40000, 'm³', 'building', NULL),
    ('12450103MB0345678X', daterange('2022-01-01', '2023-01-01'), 'water', 38000, 'm³', 'building', NULL),
    -- D: electricity and water
    ('12450305MB0456789D', daterange('2021-01-01', '2022-01-01'), 'electricity', 100000, 'kWh', 'building', NULL),
    ('12450305MB0456789D', daterange('2022-01-01', '2023-01-01'), 'electricity', 110000, 'kWh', 'building', NULL),
    ('12450305MB0456789D', daterange('2021-01-01', '2022-01-01'), 'water', 20000, 'm³', 'building', NULL),
    ('12450305MB0456789D', daterange('2022-01-01', '2023-01-01'), 'water', 21000, 'm³', 'building', NULL),
    -- E: water; its electricity comes from the meter below
    ('GX-SH-0001', daterange('2022-01-01', '2023-01-01'), 'water', 1000, 'm³', 'building', NULL);

-- E's electricity meter: CT ratio 10, three readings over 2022: (3000 - 1000) × 10 = 20 000 kWh.
INSERT INTO :model.meter (meter_id, institution_id, carrier, unit, multiplier) VALUES
    ('E-M1', 'GX-SH-0001', 'electricity', 'kWh', 10);
INSERT INTO :model.reading (meter_id, ts, reading) VALUES
    ('E-M1', '2022-01-01 00:00+08', 1000), ('E-M1', '2022-07-01 00:00+08', 2000), ('E-M1', '2023-01-01 00:00+08', 3000);

-- Statistics for the planner, as after any bulk load.
ANALYZE :model.institution, :model.profile, :model.consumption, :model.meter, :model.reading;
