package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactPhoneTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "13812345678             | 13812345678",
        "138 1234 5678           | 13812345678",
        "138-1234-5678           | 13812345678",
        "１３８　１２３４　５６７８   | 13812345678",
        "138\u200B1234\u200B5678 | 13812345678",
        "+86 138 1234 5678       | 13812345678",
        "0086-13812345678        | 13812345678",
        "(+86)13812345678        | 13812345678",
        "010-88886666            | 01088886666",
        "(0755)12345678          | 075512345678",
        "0755 1234 5678          | 075512345678",
        "0571-8888888            | 05718888888",
        "+86 10 8888 6666        | 01088886666",
        "+86-755-12345678        | 075512345678",
        "010-88886666转123       | 01088886666转123",
        "010-88886666 分机 8001  | 01088886666转8001",
        "010-88886666 ext. 12    | 01088886666转12",
        "88886666                | 88886666",
        "8888-666                | 8888666",
        "+852 9123 4567          | +85291234567",
        "00852 9123 4567         | +85291234567",
        "+1 (202) 555-0143       | +12025550143",
    })
    void keepsANumberOneCanCallBackAsDigits(String typed, String kept) {
        assertThat(ContactPhone.normalize(typed)).hasValue(kept);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "", "call me maybe", "12345", "110", "1381234567", "138123456789", "12345678901", "10086",
        "0000-12345678", "010-8888", "13812345678转12", "+86", "+123", "+1234567890123456", "+0 123 4567",
        "138 1234 567８9 0", "138*1234*5678", "1381234567８a", "0755-1234-5678-1234567",
    })
    void refusesWhatCannotBeCalled(String typed) {
        assertThat(ContactPhone.normalize(typed)).as(typed).isEmpty();
    }
}
