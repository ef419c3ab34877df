import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * Image build step: loads the PyTorch engine once, so that DJL extracts its native libraries into
 * DJL_CACHE_DIR while the file system is still writable. Run with the worker's classpath:
 * java -Dai.djl.offline=true -cp "isthmus.jar:lib/*" WarmEngine.java
 */
public class WarmEngine {
    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            float sum = manager.create(new float[] {1f, 2f}).sum().getFloat();
            System.out.println(
                    engine.getEngineName() + " " + engine.getVersion() + " on "
                            + manager.getDevice() + ", GPUs visible: " + engine.getGpuCount()
                            + ", 1+2=" + sum);
        }
    }
}
