package org.wenzheng.server.applications;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The check digits of the two numbers an application carries: the 公民身份号码 (resident identity
 * card number, GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character, 0-9 or X) and the
 * 统一社会信用代码 (unified social credit code, GB 32100-2015: 18 characters of the 31-character
 * alphabet without I, O, S, V, Z, the last a MOD 31 check character). A number whose check fails
 * is a typo: the applicant is told so at once rather than after 20 working days.
 */
final class IdNumbers {
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final String CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private IdNumbers() {
    }

    /**
     * What is wrong with a resident identity card number, in words the applicant acts on; empty
     * when it is well formed: 18 characters, a real date of birth not after {@code today}, and its
     * check character right. A lower-case x is accepted (normalise with {@link #normalise}).
     */
    static Optional<String> residentIdProblem(String number, LocalDate today) {
        if (!number.matches("\\d{17}[0-9X]")) {
            return Optional.of("身份证号码应为 18 位，前 17 位是数字，最后一位是数字或 X");
        }
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
            if (born.isAfter(today) || born.getYear() < 1880) {
                return Optional.of("身份证号码中的出生日期（第 7 至 14 位）不正确，请核对");
            }
        } catch (DateTimeException e) {
            return Optional.of("身份证号码中的出生日期（第 7 至 14 位）不正确，请核对");
        }
        if (number.charAt(17) != residentIdCheck(number.substring(0, 17))) {
            return Optional.of("身份证号码校验位不符，可能有数字输错，请对照证件核对");
        }
        return Optional.empty();
    }

    /** ISO 7064 MOD 11-2 over the first 17 digits. */
    static char residentIdCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    /** What is wrong with a 统一社会信用代码, in words the applicant acts on; empty when it is well formed. */
    static Optional<String> creditCodeProblem(String code) {
        if (code.length() != 18) {
            return Optional.of("统一社会信用代码应为 18 位，现在是 " + code.length() + " 位");
        }
        for (int i = 0; i < 18; i++) {
            if (CREDIT_ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.of("统一社会信用代码第 " + (i + 1) + " 位“" + code.charAt(i)
                        + "”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）");
            }
        }
        if (code.charAt(17) != creditCodeCheck(code.substring(0, 17))) {
            return Optional.of("统一社会信用代码校验位不符，可能有字符输错，请对照营业执照或登记证书核对");
        }
        return Optional.empty();
    }

    /** GB 32100-2015: 31 minus the weighted sum mod 31, 31 written as 0. */
    static char creditCodeCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CREDIT_ALPHABET.indexOf(first17.charAt(i)) * CREDIT_WEIGHTS[i];
        }
        return CREDIT_ALPHABET.charAt((31 - sum % 31) % 31);
    }

    /** A number as typed, without spaces and in upper case (身份证 x, credit codes in lower case). */
    static String normalise(String typed) {
        return typed.replaceAll("[\\s\\u3000-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** An identity document number as shown outside the handling department: only its last four characters. */
    static String masked(String number) {
        return number.length() <= 4 ? "*".repeat(number.length())
                : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }
}
