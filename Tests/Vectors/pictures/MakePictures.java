import java.awt.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

public class MakePictures {
    public static void main(String[] args) throws Exception {
        BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE); g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(200, 16, 46)); g.setStroke(new BasicStroke(3)); g.drawOval(10, 2, 44, 44);
        g.fillOval(27, 19, 10, 10);
        g.dispose();
        ImageIO.write(rgb, "jpg", new File(args[0] + "/seal.jpg"));
        BufferedImage indexed = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D h = indexed.createGraphics(); h.drawImage(rgb, 0, 0, null); h.dispose();
        ImageIO.write(indexed, "gif", new File(args[0] + "/seal.gif"));
        ImageIO.write(rgb, "png", new File(args[0] + "/seal.png"));
    }
}
