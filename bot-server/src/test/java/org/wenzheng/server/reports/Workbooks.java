package org.wenzheng.server.reports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a report's workbook back with POI, as a spreadsheet user would look up its cells. */
final class Workbooks {
    private Workbooks() {
    }

    static XSSFWorkbook open(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    /** The first row whose cell in this column is this text. */
    static Row rowWith(Sheet s, int column, String text) {
        for (Row r : s) {
            Cell c = r.getCell(column);
            if (c != null && c.getCellType() == CellType.STRING && c.getStringCellValue().equals(text)) {
                return r;
            }
        }
        throw new AssertionError("no row with “" + text + "” in column " + column + " of " + s.getSheetName());
    }

    /** The number under the first header cell with this text (the first data row of its table). */
    static double below(Sheet s, String header) {
        for (Row r : s) {
            for (Cell c : r) {
                if (c.getCellType() == CellType.STRING && c.getStringCellValue().equals(header)) {
                    return s.getRow(r.getRowNum() + 1).getCell(c.getColumnIndex()).getNumericCellValue();
                }
            }
        }
        throw new AssertionError("no header “" + header + "” in " + s.getSheetName());
    }

    /** The cell's number, or empty for a blank cell. */
    static Optional<Double> number(Row r, int column) {
        Cell c = r.getCell(column);
        return c == null || c.getCellType() == CellType.BLANK ? Optional.empty()
                : Optional.of(c.getNumericCellValue());
    }
}
