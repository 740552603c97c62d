/*
 * odbc_query.c — what a BI tool does through ODBC: connect to a DSN, run a
 * query, describe its columns (SQLDescribeCol: name and SQL data type) and
 * fetch every value as text (SQLGetData, SQL_C_CHAR, UTF-8).
 *
 *   odbc_query DSN 'SELECT ...'
 *
 * Prints one line per column, "column <name> <SQL type name>", then one line
 * per row, the values separated by tabs (NULL for NULL).  Exits non-zero
 * with the driver's diagnostics on any error.  Used by test/shell/odbc.sh.
 */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
die(SQLSMALLINT kind, SQLHANDLE h, const char *what)
{
	SQLCHAR		state[6],
				msg[1024];
	SQLINTEGER	native;
	SQLSMALLINT len;

	fprintf(stderr, "odbc_query: %s failed\n", what);
	for (SQLSMALLINT i = 1; SQLGetDiagRec(kind, h, i, state, &native, msg, sizeof msg, &len) == SQL_SUCCESS; i++)
		fprintf(stderr, "  %s: %s\n", state, msg);
	exit(1);
}

static const char *
type_name(SQLSMALLINT t)
{
	switch (t)
	{
		case SQL_CHAR: return "SQL_CHAR";
		case SQL_VARCHAR: return "SQL_VARCHAR";
		case SQL_LONGVARCHAR: return "SQL_LONGVARCHAR";
		case SQL_WCHAR: return "SQL_WCHAR";
		case SQL_WVARCHAR: return "SQL_WVARCHAR";
		case SQL_WLONGVARCHAR: return "SQL_WLONGVARCHAR";
		case SQL_INTEGER: return "SQL_INTEGER";
		case SQL_BIGINT: return "SQL_BIGINT";
		case SQL_SMALLINT: return "SQL_SMALLINT";
		case SQL_NUMERIC: return "SQL_NUMERIC";
		case SQL_DECIMAL: return "SQL_DECIMAL";
		case SQL_DOUBLE: return "SQL_DOUBLE";
		case SQL_FLOAT: return "SQL_FLOAT";
		case SQL_REAL: return "SQL_REAL";
		case SQL_TYPE_DATE: return "SQL_TYPE_DATE";
		case SQL_TYPE_TIMESTAMP: return "SQL_TYPE_TIMESTAMP";
		case SQL_BIT: return "SQL_BIT";
		default: return "other";
	}
}

int
main(int argc, char **argv)
{
	SQLHENV		env;
	SQLHDBC		dbc;
	SQLHSTMT	stmt;
	SQLSMALLINT ncols;
	SQLRETURN	rc;

	if (argc != 3)
	{
		fprintf(stderr, "usage: odbc_query DSN QUERY\n");
		return 2;
	}
	SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
	SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
	SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
	rc = SQLConnect(dbc, (SQLCHAR *) argv[1], SQL_NTS, NULL, 0, NULL, 0);
	if (!SQL_SUCCEEDED(rc))
		die(SQL_HANDLE_DBC, dbc, "SQLConnect");
	SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
	if (!SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *) argv[2], SQL_NTS)))
		die(SQL_HANDLE_STMT, stmt, "SQLExecDirect");
	SQLNumResultCols(stmt, &ncols);
	for (SQLUSMALLINT c = 1; c <= ncols; c++)
	{
		SQLCHAR		name[256];
		SQLSMALLINT namelen,
					type,
					digits,
					nullable;
		SQLULEN		size;

		if (!SQL_SUCCEEDED(SQLDescribeCol(stmt, c, name, sizeof name, &namelen, &type, &size, &digits, &nullable)))
			die(SQL_HANDLE_STMT, stmt, "SQLDescribeCol");
		printf("column %s %s\n", name, type_name(type));
	}
	while (SQL_SUCCEEDED(rc = SQLFetch(stmt)))
	{
		for (SQLUSMALLINT c = 1; c <= ncols; c++)
		{
			char		buf[4096];
			SQLLEN		ind;

			if (!SQL_SUCCEEDED(SQLGetData(stmt, c, SQL_C_CHAR, buf, sizeof buf, &ind)))
				die(SQL_HANDLE_STMT, stmt, "SQLGetData");
			printf("%s%s", c > 1 ? "\t" : "", ind == SQL_NULL_DATA ? "NULL" : buf);
		}
		printf("\n");
	}
	if (rc != SQL_NO_DATA)
		die(SQL_HANDLE_STMT, stmt, "SQLFetch");
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	return 0;
}
